variable "prefix" {
  description = "Table name prefix; the functions read it as ALPACO_TABLE_PREFIX."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer managed key that encrypts every table."
  type        = string
}
