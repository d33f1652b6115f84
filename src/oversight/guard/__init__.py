"""The guard: decides whether an agent's action may proceed (allow / ask / deny), for every agent's hooks."""
