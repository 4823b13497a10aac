"""The woonvisie excerpt of a jaarschijf, goals and what addresses them: context and default template."""
