variable "prefix" {
  type = string
}

variable "domain_prefix" {
  description = "Hosted UI domain prefix: <prefix>.auth.<region>.amazoncognito.com."
  type        = string
}

variable "callback_urls" {
  type = list(string)
}

variable "logout_urls" {
  type = list(string)
}

variable "google_client_id" {
  description = "Google OAuth client id; empty leaves Google sign-in off."
  type        = string
  default     = ""
}

variable "google_client_secret" {
  type      = string
  default   = ""
  sensitive = true
}

variable "trigger_package" {
  description = "dist/lambda/post_confirmation.zip, built by `make package`."
  type        = string
}

variable "log_retention_days" {
  type    = number
  default = 365
}

variable "kms_key_arn" {
  description = "Key that encrypts the trigger's log group."
  type        = string
}
