"""The CRM's shared plumbing.

Every service imports it, so that a service folder holds only its domain.
"""
