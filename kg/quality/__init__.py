"""The data-quality scorecard (``kg quality``, the quality pages of ``kg serve``): per
municipality, the promises and the years they cover, findings and assumptions to review,
follow-ups against the promise's own plan, how complete the activities are, and how all this
changed from one import to the next."""
