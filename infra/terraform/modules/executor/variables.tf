variable "platform" {
  description = "What every function shares (see module function)."
  type = object({
    prefix             = string
    artifact_bucket    = string
    kms_key_arn        = string
    table_arns         = map(string)
    log_retention_days = number
  })
}

variable "package" {
  type = string
}

variable "layers" {
  type = list(string)
}

variable "reserved_concurrency" {
  description = "Submissions judged at once across the platform (docs/capacity.md)."
  type        = number
}

variable "memory_size" {
  description = "Also the last bound on a submission's memory in thin mode (docs/sandbox-threat-model.md)."
  type        = number
  default     = 1769
}

variable "timeout" {
  description = "Above the grader's 25 s of sandbox time."
  type        = number
  default     = 30
}

variable "cidr_block" {
  description = "Address range of the executor's isolated network (nothing else lives in it)."
  type        = string
  default     = "10.42.0.0/24"
}
