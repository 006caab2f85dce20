"""One module per report page; each `pages(con)` returns {relative path: HTML} from the published snapshot."""
