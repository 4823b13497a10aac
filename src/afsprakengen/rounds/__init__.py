"""Negotiation rounds: resolve two versions, compare them agreement by agreement, and write the two diff documents."""
