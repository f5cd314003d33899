# Every table and index of src/alpaco/kernel/tables.py, written out so a reviewer reads the real
# shape; tests/infra/test_tables.py fails on any difference (keys, attribute types, index keys,
# projections, TTL). On-demand capacity, point-in-time recovery and a customer managed key on all.
# The single-value index keys (generationStatus, is_submission, GSI1PK) are sized in
# docs/capacity.md: far below one partition's limits at the load we plan for.

resource "aws_dynamodb_table" "problems" {
  name                        = "${var.prefix}Problems"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "problemId"
  deletion_protection_enabled = true

  attribute {
    name = "problemId"
    type = "S"
  }
  attribute {
    name = "generationStatus"
    type = "S"
  }
  attribute {
    name = "createdAt"
    type = "S"
  }
  attribute {
    name = "creatorId"
    type = "S"
  }

  global_secondary_index {
    name               = "CompletedProblemsByCreatedAtGSI"
    hash_key           = "generationStatus"
    range_key          = "createdAt"
    projection_type    = "INCLUDE"
    non_key_attributes = ["title", "title_translated", "searchText", "difficulty", "tags", "creatorId", "author", "mode", "submissionCount", "acceptedCount"]
  }
  global_secondary_index {
    name               = "CreatorIdCreatedAtGSI"
    hash_key           = "creatorId"
    range_key          = "createdAt"
    projection_type    = "INCLUDE"
    non_key_attributes = ["title", "title_translated", "searchText", "difficulty", "tags", "generationStatus", "author", "mode", "submissionCount", "acceptedCount"]
  }

  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

resource "aws_dynamodb_table" "submissions" {
  name                        = "${var.prefix}Submissions"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "submissionId"
  deletion_protection_enabled = true

  attribute {
    name = "submissionId"
    type = "S"
  }
  attribute {
    name = "problemId"
    type = "S"
  }
  attribute {
    name = "userId"
    type = "S"
  }
  attribute {
    name = "author"
    type = "S"
  }
  attribute {
    name = "is_submission"
    type = "S"
  }
  attribute {
    name = "submissionTime"
    type = "N"
  }

  global_secondary_index {
    name               = "ProblemIdSubmissionTimeIndex"
    hash_key           = "problemId"
    range_key          = "submissionTime"
    projection_type    = "INCLUDE"
    non_key_attributes = ["problemTitle", "problemTitleTranslated", "userId", "author", "language", "status", "executionTime", "memoryKb", "score", "passedCaseCount", "totalCaseCount", "errorMessage"]
  }
  global_secondary_index {
    name               = "UserIdSubmissionTimeIndex"
    hash_key           = "userId"
    range_key          = "submissionTime"
    projection_type    = "INCLUDE"
    non_key_attributes = ["problemId", "problemTitle", "problemTitleTranslated", "author", "language", "status", "executionTime", "memoryKb", "score", "passedCaseCount", "totalCaseCount", "errorMessage"]
  }
  global_secondary_index {
    name               = "AuthorSubmissionTimeIndex"
    hash_key           = "author"
    range_key          = "submissionTime"
    projection_type    = "INCLUDE"
    non_key_attributes = ["problemId", "problemTitle", "problemTitleTranslated", "userId", "language", "status", "executionTime", "memoryKb", "score", "passedCaseCount", "totalCaseCount", "errorMessage"]
  }
  global_secondary_index {
    name               = "AllSubmissionsByTimeIndex"
    hash_key           = "is_submission"
    range_key          = "submissionTime"
    projection_type    = "INCLUDE"
    non_key_attributes = ["problemId", "problemTitle", "problemTitleTranslated", "userId", "author", "language", "status", "executionTime", "memoryKb", "score", "passedCaseCount", "totalCaseCount", "errorMessage"]
  }

  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

resource "aws_dynamodb_table" "community" {
  name                        = "${var.prefix}Community"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "PK"
  range_key                   = "SK"
  deletion_protection_enabled = true

  attribute {
    name = "PK"
    type = "S"
  }
  attribute {
    name = "SK"
    type = "S"
  }
  attribute {
    name = "GSI1PK"
    type = "S"
  }
  attribute {
    name = "GSI1SK"
    type = "S"
  }
  attribute {
    name = "userId"
    type = "S"
  }
  attribute {
    name = "problemId"
    type = "S"
  }
  attribute {
    name = "createdAt"
    type = "S"
  }
  attribute {
    name = "commentCreatedAt"
    type = "S"
  }

  global_secondary_index {
    name            = "postOnlyIndex"
    hash_key        = "GSI1PK"
    range_key       = "GSI1SK"
    projection_type = "ALL"
  }
  global_secondary_index {
    name            = "commentSortIndex"
    hash_key        = "PK"
    range_key       = "commentCreatedAt"
    projection_type = "ALL"
  }
  global_secondary_index {
    name            = "postsByUserIndex"
    hash_key        = "userId"
    range_key       = "createdAt"
    projection_type = "ALL"
  }
  global_secondary_index {
    name            = "postsByProblemIndex"
    hash_key        = "problemId"
    range_key       = "createdAt"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

resource "aws_dynamodb_table" "chat_usage" {
  name                        = "${var.prefix}ChatUsage"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "userId"
  range_key                   = "usageDate"
  deletion_protection_enabled = true

  attribute {
    name = "userId"
    type = "S"
  }
  attribute {
    name = "usageDate"
    type = "S"
  }

  ttl {
    enabled        = true
    attribute_name = "expiresAt"
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

resource "aws_dynamodb_table" "rate_limits" {
  name                        = "${var.prefix}RateLimits"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "bucket"
  deletion_protection_enabled = true

  attribute {
    name = "bucket"
    type = "S"
  }

  ttl {
    enabled        = true
    attribute_name = "expiresAt"
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}
