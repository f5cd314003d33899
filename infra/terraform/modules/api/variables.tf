variable "prefix" {
  type = string
}

variable "user_pool_arn" {
  type = string
}

variable "site_origin" {
  description = "The web app's origin; the gateway's own error answers (401 from the authorizer, 429, 5xx) carry CORS for it."
  type        = string
}
