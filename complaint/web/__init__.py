"""The web layer: the only code touching requests — views, forms, the steps, headers, compression, limits, serving."""
