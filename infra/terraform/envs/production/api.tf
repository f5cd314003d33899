# The REST API's stage: redeployed whenever a service's routes change, an access log without
# bodies or tokens (the original logged both: weakness 9), metrics per method, and each route's
# throttle from its service module.

locals {
  throttles = merge(
    module.problems.throttles,
    module.submissions.throttles,
    module.grader.throttles,
    module.community.throttles,
  )
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = module.api.api.id

  triggers = {
    routes = sha1(join(",", [
      module.problems.deployment_trigger,
      module.submissions.deployment_trigger,
      module.grader.deployment_trigger,
      module.community.deployment_trigger,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${local.prefix}api"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.alpaco.arn
}

resource "aws_api_gateway_stage" "production" {
  # checkov:skip=CKV_AWS_120: every answer depends on the caller or changes with each write; nothing is cacheable at the gateway.
  # checkov:skip=CKV2_AWS_29: no WAF yet (docs/operations.md: when to add one); Cognito, throttles and per-user limits bound abuse.
  # checkov:skip=CKV2_AWS_51: browsers call this API; client certificates are for service-to-service APIs.
  rest_api_id          = module.api.api.id
  deployment_id        = aws_api_gateway_deployment.this.id
  stage_name           = "production"
  xray_tracing_enabled = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId = "$context.requestId"
      time      = "$context.requestTime"
      method    = "$context.httpMethod"
      resource  = "$context.resourcePath"
      status    = "$context.status"
      latencyMs = "$context.responseLatency"
      userId    = "$context.authorizer.claims.sub"
      error     = "$context.error.responseType"
      throttled = "$context.error.messageString"
    })
  }

  depends_on = [aws_api_gateway_account.this]
}

resource "aws_api_gateway_method_settings" "all" {
  # checkov:skip=CKV_AWS_225: see the stage: nothing is cacheable.
  rest_api_id = module.api.api.id
  stage_name  = aws_api_gateway_stage.production.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled        = true
    logging_level          = "ERROR"
    data_trace_enabled     = false
    throttling_rate_limit  = 500
    throttling_burst_limit = 1000
  }
}

resource "aws_api_gateway_method_settings" "route" {
  # checkov:skip=CKV_AWS_225: see the stage: nothing is cacheable.
  for_each    = local.throttles
  rest_api_id = module.api.api.id
  stage_name  = aws_api_gateway_stage.production.stage_name
  method_path = each.key

  settings {
    metrics_enabled        = true
    logging_level          = "ERROR"
    data_trace_enabled     = false
    throttling_rate_limit  = each.value.rate
    throttling_burst_limit = each.value.burst
  }
}
