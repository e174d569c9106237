"""The full-mode benchmark runner and the headless notebook executor."""
