variable "name" {
  description = "The service (alpaco.services.<name>); its handler is alpaco.services.<name>.handler.handler."
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
  type = list(string)
}

variable "environment" {
  type      = map(string)
  sensitive = true
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
  type    = number
  default = 29
}

variable "memory_size" {
  type    = number
  default = 512
}

variable "reserved_concurrency" {
  type    = number
  default = -1
}

variable "api" {
  description = "The shared REST API (module api)."
  type = object({
    id               = string
    root_resource_id = string
    execution_arn    = string
    authorizer_id    = string
  })
}

variable "routes" {
  description = "The service's routes as src/alpaco/routes.py lists them, each with its throttle (requests per second, burst)."
  type = list(object({
    method = string
    path   = string
    auth   = string
    rate   = number
    burst  = number
  }))
}
