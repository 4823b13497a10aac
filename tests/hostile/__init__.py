"""The hostile-template corpus: payloads a user's template may hold, each with the message it must give."""
