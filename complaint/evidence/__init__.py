"""What a person brings as proof: pictures cleaned of metadata, imported call logs, and the chart drawn from them."""
