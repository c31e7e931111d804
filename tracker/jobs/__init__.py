"""The job queue: long work (rendering and publishing committee papers) runs here, never inside a request."""
