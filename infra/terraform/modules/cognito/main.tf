# The user pool: e-mail sign-up, optional Google sign-in, a public web client (code flow with
# PKCE), the groups Admins (what the app checks) and GeneralUsers (every confirmed user, added by
# the post-confirmation trigger in infra/cognito/post_confirmation.py).

data "aws_region" "current" {}

locals {
  providers = var.google_client_id == "" ? ["COGNITO"] : ["COGNITO", "Google"]
}

resource "aws_cognito_user_pool" "this" {
  name                     = "${var.prefix}users"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = "ACTIVE"
  mfa_configuration        = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }

  password_policy {
    minimum_length                   = 10
    require_lowercase                = true
    require_numbers                  = true
    require_symbols                  = false
    require_uppercase                = false
    temporary_password_validity_days = 3
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  lambda_config {
    post_confirmation = aws_lambda_function.post_confirmation.arn
  }
}

resource "aws_cognito_identity_provider" "google" {
  count         = var.google_client_id == "" ? 0 : 1
  user_pool_id  = aws_cognito_user_pool.this.id
  provider_name = "Google"
  provider_type = "Google"

  provider_details = {
    client_id        = var.google_client_id
    client_secret    = var.google_client_secret
    authorize_scopes = "profile email openid"
  }

  attribute_mapping = {
    email    = "email"
    username = "sub"
  }
}

resource "aws_cognito_user_pool_domain" "this" {
  domain       = var.domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id
}

resource "aws_cognito_user_pool_client" "web" {
  name                                 = "${var.prefix}web"
  user_pool_id                         = aws_cognito_user_pool.this.id
  generate_secret                      = false
  supported_identity_providers         = local.providers
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile", "aws.cognito.signin.user.admin"]
  callback_urls                        = var.callback_urls
  logout_urls                          = var.logout_urls
  explicit_auth_flows                  = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true
  id_token_validity                    = 60
  access_token_validity                = 60
  refresh_token_validity               = 30

  token_validity_units {
    id_token      = "minutes"
    access_token  = "minutes"
    refresh_token = "days"
  }

  depends_on = [aws_cognito_identity_provider.google]
}

resource "aws_cognito_user_group" "admins" {
  name         = "Admins"
  user_pool_id = aws_cognito_user_pool.this.id
  precedence   = 1
  description  = "Moderators: the app lets them remove any post or comment"
}

resource "aws_cognito_user_group" "general_users" {
  name         = "GeneralUsers"
  user_pool_id = aws_cognito_user_pool.this.id
  precedence   = 10
  description  = "Every confirmed user (post-confirmation trigger)"
}

# The trigger: only cognito-idp:AdminAddUserToGroup on this pool, and its logs.

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "trigger" {
  name               = "${var.prefix}post-confirmation-role"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_cloudwatch_log_group" "trigger" {
  name              = "/aws/lambda/${var.prefix}post-confirmation"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

data "aws_iam_policy_document" "trigger" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.trigger.arn}:*"]
  }
  statement {
    sid       = "AddToGroup"
    actions   = ["cognito-idp:AdminAddUserToGroup"]
    resources = [aws_cognito_user_pool.this.arn]
  }
}

resource "aws_iam_role_policy" "trigger" {
  name   = "${var.prefix}post-confirmation-policy"
  role   = aws_iam_role.trigger.id
  policy = data.aws_iam_policy_document.trigger.json
}

resource "aws_lambda_function" "post_confirmation" {
  # checkov:skip=CKV_AWS_50: a one-call trigger; its log line is its trace.
  # checkov:skip=CKV_AWS_116: Cognito invokes it synchronously; a failure is logged, never retried.
  # checkov:skip=CKV_AWS_117: it calls the Cognito API, which a VPC would need an endpoint for.
  # checkov:skip=CKV_AWS_173: its one variable is a group name, no secret.
  # checkov:skip=CKV_AWS_272: built and hashed in CI like every other package.
  function_name                  = "${var.prefix}post-confirmation"
  role                           = aws_iam_role.trigger.arn
  runtime                        = "python3.12"
  architectures                  = ["arm64"]
  handler                        = "post_confirmation.handler"
  filename                       = var.trigger_package
  source_code_hash               = filebase64sha256(var.trigger_package)
  timeout                        = 5
  memory_size                    = 128
  reserved_concurrent_executions = 10

  environment {
    variables = {
      GENERAL_USERS_GROUP = aws_cognito_user_group.general_users.name
    }
  }

  # Not on the role policy: it names the pool, which names this function.
  depends_on = [aws_cloudwatch_log_group.trigger]
}

resource "aws_lambda_permission" "cognito" {
  statement_id  = "AllowCognitoTrigger"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.post_confirmation.function_name
  principal     = "cognito-idp.amazonaws.com"
  source_arn    = aws_cognito_user_pool.this.arn
}
