"""Size limits on what a scenario may hold, in a module light enough for the app's first screen.

The upload widget needs the limits before anything is uploaded; the readers
that enforce them need GeoPandas. Keeping the figures here lets the first
screen show the uploader without importing the geospatial stack.
"""

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ARCHIVE_BYTES = 60 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, per member: more looks like a zip bomb
MAX_MEMBERS = 50
