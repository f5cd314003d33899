variable "name" {
  description = "The function's service name (alpaco.services.<name>); the function is <prefix><name>."
  type        = string
}

variable "platform" {
  description = "What every function shares: name prefix, artifact bucket, key, table ARNs by logical name, log retention."
  type = object({
    prefix             = string
    artifact_bucket    = string
    kms_key_arn        = string
    table_arns         = map(string)
    log_retention_days = number
  })
}

variable "handler" {
  description = "The handler Lambda calls, as infra/packaging names it (tests/infra/test_packages.py)."
  type        = string
}

variable "package" {
  description = "Path of the function's zip built by `make package` (dist/lambda/<name>.zip)."
  type        = string
}

variable "layers" {
  description = "Layer ARNs: ours (kernel and dependencies), and Lambda Web Adapter's for stream functions."
  type        = list(string)
  default     = []
}

variable "environment" {
  description = "Exactly the variables the service reads that differ from their defaults on AWS."
  type        = map(string)
  default     = {}
  sensitive   = true
}

variable "dynamodb_grants" {
  description = "DynamoDB actions by logical table name: exactly the calls the service makes."
  type        = map(list(string))
  default     = {}
}

variable "invokes" {
  description = "ARNs of the functions this one invokes synchronously (the executor)."
  type        = list(string)
  default     = []
}

variable "timeout" {
  type    = number
  default = 30
}

variable "memory_size" {
  type    = number
  default = 512
}

variable "reserved_concurrency" {
  description = "Instances at most (docs/capacity.md); -1 leaves the function on the account's pool."
  type        = number
  default     = -1
}

variable "vpc" {
  description = "Subnets and security groups for a function that must have no network (the executor)."
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  default = null
}

