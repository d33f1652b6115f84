from .convert import km_to_miles
