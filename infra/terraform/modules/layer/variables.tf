variable "prefix" {
  type = string
}

variable "package" {
  description = "dist/lambda/layer.zip: the kernel and the pinned dependencies, built by `make package`."
  type        = string
}

variable "artifact_bucket" {
  type = string
}
