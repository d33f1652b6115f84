from units.temp import c_to_f
