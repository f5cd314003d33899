# A streaming service: the Python runtime cannot stream, so the handler is run.sh, which starts the
# gateway's ASGI app for this service (alpaco.gateway.lambda_app) behind Lambda Web Adapter, and the
# function answers through a RESPONSE_STREAM Function URL. The URL takes only SigV4-signed requests
# (AWS_IAM): CloudFront signs them with origin access control (module site), so the site's domain
# is the only way in, with the web app on the same origin.

locals {
  web_adapter = {
    AWS_LAMBDA_EXEC_WRAPPER = "/opt/bootstrap"
    AWS_LWA_INVOKE_MODE     = "response_stream"
    # CloudFront's SigV4 signature occupies Authorization; the browser's token comes in this header
    # and the adapter moves it to Authorization, where the gateway reads it.
    AWS_LWA_AUTHORIZATION_SOURCE = "X-Custom-Auth-Token"
    # Ready once uvicorn listens: the app has no route for the adapter's default GET /.
    AWS_LWA_READINESS_CHECK_PROTOCOL = "tcp"
  }
}

module "function" {
  source = "../function"

  name                 = var.name
  platform             = var.platform
  handler              = "run.sh"
  package              = var.package
  layers               = concat(var.layers, [var.web_adapter_layer])
  environment          = merge(var.environment, local.web_adapter)
  dynamodb_grants      = var.dynamodb_grants
  invokes              = var.invokes
  timeout              = var.timeout
  memory_size          = var.memory_size
  reserved_concurrency = var.reserved_concurrency
}

resource "aws_lambda_function_url" "this" {
  function_name      = module.function.function_name
  authorization_type = "AWS_IAM"
  invoke_mode        = "RESPONSE_STREAM"
}
