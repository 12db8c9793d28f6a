"""The evaluation engine: the language's meaning once, and the two paths that compute it."""
