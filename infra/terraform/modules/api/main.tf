# The one REST API every REST service adds its routes to, with the Cognito authorizer for routes
# that need a caller, and API Gateway's own answers (the authorizer's 401, throttling's 429, its
# 5xx) in the platform's error body with CORS headers, so a browser can read them (the original's
# community API could not).

resource "aws_api_gateway_rest_api" "this" {
  name = "${var.prefix}api"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_authorizer" "cognito" {
  name            = "cognito"
  rest_api_id     = aws_api_gateway_rest_api.this.id
  type            = "COGNITO_USER_POOLS"
  provider_arns   = [var.user_pool_arn]
  identity_source = "method.request.header.Authorization"
}

locals {
  # API Gateway's answers by type, with the code of src/alpaco/kernel/http.py each maps to.
  gateway_answers = {
    UNAUTHORIZED                 = { status = "401", code = "unauthorized" }
    ACCESS_DENIED                = { status = "403", code = "forbidden" }
    MISSING_AUTHENTICATION_TOKEN = { status = "404", code = "not_found" }
    REQUEST_TOO_LARGE            = { status = "413", code = "payload_too_large" }
    THROTTLED                    = { status = "429", code = "too_many_requests" }
    DEFAULT_4XX                  = { status = null, code = "bad_request" }
    INTEGRATION_TIMEOUT          = { status = "504", code = "unavailable" }
    DEFAULT_5XX                  = { status = null, code = "internal" }
  }
}

resource "aws_api_gateway_gateway_response" "this" {
  for_each      = local.gateway_answers
  rest_api_id   = aws_api_gateway_rest_api.this.id
  response_type = each.key
  status_code   = each.value.status

  response_templates = {
    "application/json" = "{\"message\":$context.error.messageString,\"code\":\"${each.value.code}\"}"
  }

  response_parameters = {
    "gatewayresponse.header.Access-Control-Allow-Origin" = "'${var.site_origin}'"
    "gatewayresponse.header.Vary"                        = "'Origin'"
  }
}
