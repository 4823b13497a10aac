"""Publication through LibreOffice: the layout pass that puts page numbers in contents pages, and PDF and ODF export."""
