"""Reading and writing: the converter and the file formats built on it."""
