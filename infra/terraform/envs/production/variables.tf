variable "region" {
  type    = string
  default = "ap-northeast-2"
}

variable "site_url" {
  description = "The site's origin, e.g. https://alpaco.example.com: Cognito's callback and the gateway answers' CORS origin."
  type        = string
}

variable "site_aliases" {
  description = "Domain names of the site (empty: the CloudFront domain only)."
  type        = list(string)
  default     = []
}

variable "certificate_arn" {
  description = "ACM certificate in us-east-1 for `site_aliases`."
  type        = string
  default     = ""
}

variable "cors_origins" {
  description = "Other sites that may call the API from a browser (ALPACO_CORS_ORIGINS); the web app shares the API's origin and needs none."
  type        = list(string)
  default     = []
}

variable "cognito_domain_prefix" {
  type    = string
  default = "alpaco-production"
}

variable "google_client_id" {
  type    = string
  default = ""
}

variable "google_client_secret" {
  type      = string
  default   = ""
  sensitive = true
}

variable "cursor_secret" {
  description = "ALPACO_CURSOR_SECRET: signs list cursors (rotation: docs/operations.md)."
  type        = string
  sensitive   = true
}

variable "llm_provider" {
  description = "ALPACO_LLM_PROVIDER for the generator and the tutor: gemini, openai or offline."
  type        = string
  default     = "gemini"
}

variable "gemini_api_key" {
  type      = string
  default   = ""
  sensitive = true
}

variable "web_adapter_layer_version" {
  description = "Lambda Web Adapter's published arm64 layer version."
  type        = number
  default     = 26
}

variable "executor_concurrency" {
  description = "Executor instances at most: submissions judged at once (docs/capacity.md)."
  type        = number
  default     = 200
}

variable "log_retention_days" {
  description = "A year: enough to compare a season of courses with the last."
  type        = number
  default     = 365
}

variable "alarm_email" {
  description = "Where the alarms go (docs/operations.md); empty: subscribe something to the topic yourself."
  type        = string
  default     = ""
}
