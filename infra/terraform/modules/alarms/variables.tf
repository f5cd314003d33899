variable "prefix" {
  type = string
}

variable "function_names" {
  description = "Every function by service name."
  type        = map(string)
}

variable "executor_function_name" {
  type = string
}

variable "executor_concurrency" {
  description = "The executor's reserved concurrency; the alarm fires at 80 % of it."
  type        = number
}

variable "api_name" {
  type = string
}

variable "api_stage" {
  type = string
}

variable "hot_indexes" {
  description = "Table name by index name: the indexes whose key has one value (docs/capacity.md)."
  type        = map(string)
}

variable "kms_key_arn" {
  description = "Encrypts the alarm topic."
  type        = string
}

variable "alarm_email" {
  description = "Where alarms are sent; empty leaves the topic without a subscriber."
  type        = string
  default     = ""
}
