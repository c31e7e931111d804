"""A health check for load balancers and monitoring: no sign-in, no data beyond "ok"."""
