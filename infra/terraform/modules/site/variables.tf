variable "prefix" {
  type = string
}

variable "api_domain" {
  description = "The REST API's regional host (<id>.execute-api.<region>.amazonaws.com)."
  type        = string
}

variable "api_stage" {
  type = string
}

variable "api_paths" {
  description = "Path patterns CloudFront sends to the REST API (its top-level resources)."
  type        = list(string)
}

variable "streams" {
  description = "Streaming services by name: their Function URL host, function name and paths."
  type = map(object({
    origin_domain = string
    function_name = string
    paths         = list(string)
  }))
}

variable "aliases" {
  description = "The site's domain names; empty serves it on the CloudFront domain only."
  type        = list(string)
  default     = []
}

variable "certificate_arn" {
  description = "An ACM certificate in us-east-1 covering `aliases` (CloudFront reads only that region)."
  type        = string
  default     = ""
}

variable "web_config" {
  description = "What the web app needs to sign in on AWS, served as /config.json."
  type        = map(string)
}
