variable "name" {
  type        = string
  description = "Name prefix of every resource, e.g. elara-production."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "3-32 characters: lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "cidr_block" {
  type        = string
  description = "IPv4 range of the VPC, /16 to /20. Three quarters go to the private subnets, where every pod takes an address (VPC CNI)."

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) >= 16 && tonumber(split("/", var.cidr_block)[1]) <= 20
    error_message = "Must be an IPv4 CIDR block between /16 and /20."
  }
}

variable "availability_zones" {
  type        = list(string)
  description = "Availability zones to spread the subnets over: three for production, two at least."

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 3 && length(distinct(var.availability_zones)) == length(var.availability_zones)
    error_message = "Two or three distinct availability zones."
  }
}

variable "single_nat_gateway" {
  type        = bool
  description = "One NAT gateway for all zones (cheaper; egress fails with its zone) instead of one per zone."
  default     = false
}

variable "flow_log_traffic_type" {
  type        = string
  description = "Which traffic the VPC flow logs record: ACCEPT, REJECT or ALL."
  default     = "ALL"

  validation {
    condition     = contains(["ACCEPT", "REJECT", "ALL"], var.flow_log_traffic_type)
    error_message = "One of ACCEPT, REJECT, ALL."
  }
}

variable "flow_log_retention_days" {
  type        = number
  description = "Days CloudWatch keeps the flow logs."
  default     = 90

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "A retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)."
  }
}

variable "interface_endpoints" {
  type        = set(string)
  description = "AWS services reached through interface endpoints in the private subnets instead of the NAT gateways. Each costs about 7 USD a month per zone."
  default     = ["ecr.api", "ecr.dkr", "secretsmanager", "sts"]

  validation {
    condition     = alltrue([for service in var.interface_endpoints : contains(["ecr.api", "ecr.dkr", "secretsmanager", "sts", "logs", "kms", "ec2"], service)])
    error_message = "Supported services: ecr.api, ecr.dkr, secretsmanager, sts, logs, kms, ec2."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
