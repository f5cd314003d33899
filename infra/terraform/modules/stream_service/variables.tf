variable "name" {
  description = "The streaming service (alpaco.services.<name>), served by alpaco.gateway.lambda_app."
  type        = string
}

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
  description = "Our layer; the module adds Lambda Web Adapter's."
  type        = list(string)
}

variable "web_adapter_layer" {
  description = "Lambda Web Adapter's arm64 layer ARN (its version pinned in envs/production)."
  type        = string
}

variable "environment" {
  description = "The service's own variables; the module adds the adapter's."
  type        = map(string)
  sensitive   = true
}

variable "dynamodb_grants" {
  type    = map(list(string))
  default = {}
}

variable "invokes" {
  type    = list(string)
  default = []
}

variable "timeout" {
  description = "A whole stream: a generation may take minutes."
  type        = number
  default     = 900
}

variable "memory_size" {
  type    = number
  default = 1024
}

variable "reserved_concurrency" {
  type    = number
  default = -1
}

variable "routes" {
  description = "The service's streaming routes as src/alpaco/routes.py lists them; CloudFront sends these paths here."
  type = list(object({
    method = string
    path   = string
    auth   = string
  }))
}
