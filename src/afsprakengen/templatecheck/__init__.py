"""Check a user's Word template: the fields its Jinja tags use that its kind's context does not provide."""
