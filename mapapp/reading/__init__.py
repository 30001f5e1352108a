"""Reading article files: listing, decoding, cleaning, metadata, one reader per format."""
