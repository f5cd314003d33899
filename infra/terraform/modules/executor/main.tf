# The executor runs students' code. On Lambda only the sandbox's thin mode works (no namespaces, no
# cgroups: docs/sandbox-threat-model.md), so the function itself is the outer wall: no permissions
# beyond its logs (and the network interfaces Lambda attaches for it), no network at all (subnets
# with no route out, no endpoint, a security group with no rule), a cap on instances, and no
# secret in its environment. It depends on nothing of the services that call it, so there is no
# deploy cycle (the original's weakness 30): callers get its ARN from this module's output.

data "aws_availability_zones" "available" {
  # checkov:skip=CKV_AWS_394: the subnets take the first two zones; a zone added later changes nothing but a plan diff to review.
  state = "available"
}

resource "aws_vpc" "isolated" {
  # checkov:skip=CKV2_AWS_11: flow logs would record nothing: no packet can leave these subnets.
  cidr_block           = var.cidr_block
  enable_dns_support   = false
  enable_dns_hostnames = false
  tags = {
    Name = "${var.platform.prefix}executor-isolated"
  }
}

# Without rules a default security group denies everything; say so explicitly anyway.
resource "aws_default_security_group" "closed" {
  vpc_id = aws_vpc.isolated.id
}

resource "aws_subnet" "isolated" {
  count             = 2
  vpc_id            = aws_vpc.isolated.id
  cidr_block        = cidrsubnet(var.cidr_block, 1, count.index)
  availability_zone = data.aws_availability_zones.available.names[count.index]
}

resource "aws_security_group" "executor" {
  # checkov:skip=CKV2_AWS_5: attached to the executor through module function's vpc_config.
  name        = "${var.platform.prefix}executor"
  description = "The executor: no inbound, no outbound"
  vpc_id      = aws_vpc.isolated.id
}

module "function" {
  source = "../function"

  name     = "executor"
  platform = var.platform
  handler  = "alpaco.services.executor.handler.handler"
  package  = var.package
  layers   = var.layers
  environment = {
    ALPACO_SANDBOX = "thin"
  }
  timeout              = var.timeout
  memory_size          = var.memory_size
  reserved_concurrency = var.reserved_concurrency
  vpc = {
    subnet_ids         = aws_subnet.isolated[*].id
    security_group_ids = [aws_security_group.executor.id]
  }
}
