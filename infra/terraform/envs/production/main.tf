# ALPACO in production. The graph has no cycle (the original's weakness 30): tables, Cognito and
# the layer first; the executor next, depending on nothing of its callers; then the services,
# which take its ARN; then the API's stage and the site. One `terraform apply` builds it all.

data "aws_caller_identity" "current" {}

locals {
  prefix   = "alpaco-production-"
  packages = "${path.root}/../../../../dist/lambda"
  platform = {
    prefix             = local.prefix
    artifact_bucket    = aws_s3_bucket.artifacts.bucket
    kms_key_arn        = aws_kms_key.alpaco.arn
    table_arns         = module.tables.arns
    log_retention_days = var.log_retention_days
  }
  layers = [module.layer.arn]
  # What every function built on the kernel's settings must be told on AWS (config.py).
  kernel_environment = {
    ALPACO_TABLE_PREFIX      = local.prefix
    ALPACO_CURSOR_SECRET     = var.cursor_secret
    ALPACO_COGNITO_ISSUER    = module.cognito.issuer
    ALPACO_COGNITO_CLIENT_ID = module.cognito.client_id
    ALPACO_COGNITO_JWKS_URL  = module.cognito.jwks_url
    ALPACO_CORS_ORIGINS      = join(",", var.cors_origins)
  }
  model_environment = {
    ALPACO_LLM_PROVIDER = var.llm_provider
    GEMINI_API_KEY      = var.gemini_api_key
  }
  web_adapter_layer = "arn:aws:lambda:${var.region}:753240598075:layer:LambdaAdapterLayerArm64:${var.web_adapter_layer_version}"
  function_names = {
    problems    = module.problems.function_name
    submissions = module.submissions.function_name
    grader      = module.grader.function_name
    community   = module.community.function_name
    executor    = module.executor.function_name
    generator   = module.generator.function_name
    chatbot     = module.chatbot.function_name
  }
}

module "tables" {
  source      = "../../modules/tables"
  prefix      = local.prefix
  kms_key_arn = aws_kms_key.alpaco.arn
}

module "cognito" {
  source               = "../../modules/cognito"
  prefix               = local.prefix
  domain_prefix        = var.cognito_domain_prefix
  callback_urls        = ["${var.site_url}/app/", "http://localhost:8000/app/"]
  logout_urls          = ["${var.site_url}/app/", "http://localhost:8000/app/"]
  google_client_id     = var.google_client_id
  google_client_secret = var.google_client_secret
  trigger_package      = "${local.packages}/post_confirmation.zip"
  log_retention_days   = var.log_retention_days
  kms_key_arn          = aws_kms_key.alpaco.arn
}

module "layer" {
  source          = "../../modules/layer"
  prefix          = local.prefix
  package         = "${local.packages}/layer.zip"
  artifact_bucket = aws_s3_bucket.artifacts.bucket
}

module "api" {
  source        = "../../modules/api"
  prefix        = local.prefix
  user_pool_arn = module.cognito.user_pool_arn
  site_origin   = var.site_url
}

module "executor" {
  source               = "../../modules/executor"
  platform             = local.platform
  package              = "${local.packages}/executor.zip"
  layers               = local.layers
  reserved_concurrency = var.executor_concurrency
}

module "problems" {
  source      = "../../modules/rest_service"
  name        = "problems"
  platform    = local.platform
  package     = "${local.packages}/problems.zip"
  layers      = local.layers
  api         = module.api.api
  environment = local.kernel_environment
  dynamodb_grants = {
    Problems = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"]
  }
  routes = [
    { method = "GET", path = "/problems", auth = "optional", rate = 200, burst = 400 },
    { method = "GET", path = "/problems/{problemId}", auth = "optional", rate = 200, burst = 400 },
  ]
}

module "submissions" {
  source      = "../../modules/rest_service"
  name        = "submissions"
  platform    = local.platform
  package     = "${local.packages}/submissions.zip"
  layers      = local.layers
  api         = module.api.api
  environment = local.kernel_environment
  dynamodb_grants = {
    Submissions = ["dynamodb:GetItem", "dynamodb:Query"]
  }
  routes = [
    { method = "GET", path = "/submissions", auth = "optional", rate = 100, burst = 200 },
    { method = "GET", path = "/submissions/{submissionId}", auth = "optional", rate = 100, burst = 200 },
  ]
}

module "grader" {
  source   = "../../modules/rest_service"
  name     = "grader"
  platform = local.platform
  package  = "${local.packages}/grader.zip"
  layers   = local.layers
  api      = module.api.api
  environment = merge(local.kernel_environment, {
    ALPACO_LAMBDA_PREFIX  = local.prefix
    ALPACO_GRADER_LIMITER = "dynamodb"
  })
  dynamodb_grants = {
    Submissions = ["dynamodb:PutItem", "dynamodb:UpdateItem"]
    Problems    = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    RateLimits  = ["dynamodb:UpdateItem"]
  }
  invokes = [module.executor.arn]
  timeout = 29
  routes = [
    { method = "POST", path = "/grade", auth = "required", rate = 50, burst = 100 },
  ]
}

module "community" {
  source      = "../../modules/rest_service"
  name        = "community"
  platform    = local.platform
  package     = "${local.packages}/community.zip"
  layers      = local.layers
  api         = module.api.api
  environment = local.kernel_environment
  dynamodb_grants = {
    Community  = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:BatchWriteItem"]
    RateLimits = ["dynamodb:UpdateItem"]
  }
  routes = [
    { method = "POST", path = "/community", auth = "required", rate = 20, burst = 40 },
    { method = "GET", path = "/community", auth = "optional", rate = 100, burst = 200 },
    { method = "GET", path = "/community/{postId}", auth = "optional", rate = 100, burst = 200 },
    { method = "PATCH", path = "/community/{postId}", auth = "required", rate = 20, burst = 40 },
    { method = "DELETE", path = "/community/{postId}", auth = "required", rate = 20, burst = 40 },
    { method = "POST", path = "/community/{postId}/like", auth = "required", rate = 50, burst = 100 },
    { method = "POST", path = "/community/{postId}/comments", auth = "required", rate = 30, burst = 60 },
    { method = "GET", path = "/community/{postId}/comments", auth = "optional", rate = 100, burst = 200 },
    { method = "DELETE", path = "/community/{postId}/comments/{commentId}", auth = "required", rate = 20, burst = 40 },
  ]
}

module "generator" {
  source               = "../../modules/stream_service"
  name                 = "generator"
  platform             = local.platform
  package              = "${local.packages}/generator.zip"
  layers               = local.layers
  web_adapter_layer    = local.web_adapter_layer
  environment          = merge(local.kernel_environment, local.model_environment, { ALPACO_LAMBDA_PREFIX = local.prefix })
  invokes              = [module.executor.arn]
  reserved_concurrency = 20
  dynamodb_grants = {
    Problems   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"]
    RateLimits = ["dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem"]
  }
  routes = [
    { method = "POST", path = "/generate", auth = "required" },
  ]
}

# The tutor (issue 14) is still being built; its grants follow its design (a daily counter in
# ChatUsage, the problem and the student's last submission read by id). tests/infra checks them
# against its code from the moment POST /chatbot is in src/alpaco/routes.py.
module "chatbot" {
  source               = "../../modules/stream_service"
  name                 = "chatbot"
  platform             = local.platform
  package              = "${local.packages}/chatbot.zip"
  layers               = local.layers
  web_adapter_layer    = local.web_adapter_layer
  environment          = merge(local.kernel_environment, local.model_environment)
  timeout              = 300
  reserved_concurrency = 50
  dynamodb_grants = {
    ChatUsage   = ["dynamodb:UpdateItem"]
    Problems    = ["dynamodb:GetItem"]
    Submissions = ["dynamodb:GetItem"]
  }
  routes = [
    { method = "POST", path = "/chatbot", auth = "required" },
  ]
}

module "site" {
  source          = "../../modules/site"
  prefix          = local.prefix
  api_domain      = "${module.api.api.id}.execute-api.${var.region}.amazonaws.com"
  api_stage       = aws_api_gateway_stage.production.stage_name
  api_paths       = ["/problems", "/problems/*", "/submissions", "/submissions/*", "/grade", "/community", "/community/*"]
  aliases         = var.site_aliases
  certificate_arn = var.certificate_arn
  streams = {
    generator = {
      origin_domain = module.generator.origin_domain
      function_name = module.generator.function_name
      paths         = module.generator.paths
    }
    chatbot = {
      origin_domain = module.chatbot.origin_domain
      function_name = module.chatbot.function_name
      paths         = module.chatbot.paths
    }
  }
  web_config = {
    region           = var.region
    userPoolId       = module.cognito.user_pool_id
    clientId         = module.cognito.client_id
    cognitoDomain    = module.cognito.hosted_ui_domain
    apiBaseUrl       = ""
    streamAuthHeader = "X-Custom-Auth-Token"
  }
}

module "alarms" {
  source                 = "../../modules/alarms"
  prefix                 = local.prefix
  function_names         = local.function_names
  executor_function_name = module.executor.function_name
  executor_concurrency   = var.executor_concurrency
  api_name               = "${local.prefix}api"
  api_stage              = aws_api_gateway_stage.production.stage_name
  kms_key_arn            = aws_kms_key.alpaco.arn
  alarm_email            = var.alarm_email
  hot_indexes = {
    AllSubmissionsByTimeIndex       = "${local.prefix}Submissions"
    CompletedProblemsByCreatedAtGSI = "${local.prefix}Problems"
    CreatorIdCreatedAtGSI           = "${local.prefix}Problems"
    postOnlyIndex                   = "${local.prefix}Community"
  }
}
