# State in S3 with a DynamoDB lock table, both made once by envs/bootstrap. The bucket is named in
# `terraform init -backend-config="bucket=..."` (docs/deploy.md), so no account id is written here.
terraform {
  required_version = ">= 1.9.0"

  backend "s3" {
    key            = "alpaco/production.tfstate"
    region         = "ap-northeast-2"
    dynamodb_table = "alpaco-terraform-locks"
    encrypt        = true
  }

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.20"
    }
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      Project     = "alpaco"
      Environment = "production"
    }
  }
}
