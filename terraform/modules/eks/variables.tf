variable "cluster_name" {
  type        = string
  description = "Name of the EKS cluster; also the prefix of its IAM roles and security groups."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.cluster_name))
    error_message = "3-32 characters: lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version of the control plane (the chart needs 1.29 or later). Upgrade one minor version at a time."
  default     = "1.33"

  validation {
    condition     = can(regex("^1\\.(29|3[0-9])$", var.kubernetes_version))
    error_message = "A minor version such as 1.33, from 1.29 on."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC of the cluster."

  validation {
    condition     = startswith(var.vpc_id, "vpc-")
    error_message = "Must be a VPC ID (vpc-...)."
  }
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets, in two or more zones, for the control plane's network interfaces and the nodes."

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "EKS needs subnets in at least two availability zones."
  }
}

variable "endpoint_public_access_cidrs" {
  type        = list(string)
  description = "Addresses allowed to reach the Kubernetes API from the internet. Empty (the default): the API is reachable only from inside the VPC."
  default     = []

  validation {
    condition     = alltrue([for cidr in var.endpoint_public_access_cidrs : can(cidrhost(cidr, 0)) && cidr != "0.0.0.0/0"])
    error_message = "IPv4 CIDR blocks, and not 0.0.0.0/0: name the addresses that administer the cluster."
  }
}

variable "admin_principal_arns" {
  type        = list(string)
  description = "IAM roles or users given cluster-admin through EKS access entries (operators, CI)."

  validation {
    condition     = length(var.admin_principal_arns) > 0 && alltrue([for arn in var.admin_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/", arn))])
    error_message = "One or more IAM role or user ARNs."
  }
}

variable "cluster_log_types" {
  type        = list(string)
  description = "Control-plane logs sent to CloudWatch."
  default     = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  validation {
    condition     = alltrue([for log in var.cluster_log_types : contains(["api", "audit", "authenticator", "controllerManager", "scheduler"], log)])
    error_message = "Log types are api, audit, authenticator, controllerManager and scheduler."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Days CloudWatch keeps the control-plane logs."
  default     = 90

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "A retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)."
  }
}

variable "node_instance_types" {
  type        = list(string)
  description = "EC2 instance types of the managed node group, in order of preference."
  default     = ["m7i.large"]

  validation {
    condition     = length(var.node_instance_types) > 0 && alltrue([for type in var.node_instance_types : can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", type))])
    error_message = "One or more instance types such as m7i.large."
  }
}

variable "node_ami_type" {
  type        = string
  description = "AMI family of the nodes; must match the instance types' architecture."
  default     = "AL2023_x86_64_STANDARD"

  validation {
    condition     = contains(["AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64"], var.node_ami_type)
    error_message = "One of AL2023_x86_64_STANDARD, AL2023_ARM_64_STANDARD, BOTTLEROCKET_x86_64, BOTTLEROCKET_ARM_64."
  }
}

variable "node_capacity_type" {
  type        = string
  description = "ON_DEMAND, or SPOT for interruptible (cheaper) nodes."
  default     = "ON_DEMAND"

  validation {
    condition     = contains(["ON_DEMAND", "SPOT"], var.node_capacity_type)
    error_message = "ON_DEMAND or SPOT."
  }
}

variable "node_min_size" {
  type        = number
  description = "Fewest nodes. Three keeps one per zone, so a zone outage leaves two."
  default     = 3

  validation {
    condition     = var.node_min_size >= 1 && floor(var.node_min_size) == var.node_min_size
    error_message = "A whole number, at least 1."
  }
}

variable "node_max_size" {
  type        = number
  description = "Most nodes the cluster autoscaler (or Karpenter) may run."
  default     = 9

  validation {
    condition     = var.node_max_size >= var.node_min_size && var.node_max_size <= 100
    error_message = "At least node_min_size and at most 100."
  }
}

variable "node_desired_size" {
  type        = number
  description = "Nodes at creation; later the autoscaler owns the number (Terraform ignores changes)."
  default     = 3

  validation {
    condition     = var.node_desired_size >= var.node_min_size && var.node_desired_size <= var.node_max_size
    error_message = "Between node_min_size and node_max_size."
  }
}

variable "node_disk_size_gib" {
  type        = number
  description = "Root volume of each node (gp3, encrypted), in GiB."
  default     = 50

  validation {
    condition     = var.node_disk_size_gib >= 20 && var.node_disk_size_gib <= 1000
    error_message = "Between 20 and 1000 GiB."
  }
}

variable "node_labels" {
  type        = map(string)
  description = "Kubernetes labels of the nodes."
  default     = {}
}

variable "addon_versions" {
  type        = map(string)
  description = "Pinned versions of the EKS add-ons by name (vpc-cni, kube-proxy, coredns, aws-ebs-csi-driver). Unset: EKS's default for the Kubernetes version."
  default     = {}

  validation {
    condition     = alltrue([for name in keys(var.addon_versions) : contains(["vpc-cni", "kube-proxy", "coredns", "aws-ebs-csi-driver"], name)])
    error_message = "Keys are vpc-cni, kube-proxy, coredns and aws-ebs-csi-driver."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
