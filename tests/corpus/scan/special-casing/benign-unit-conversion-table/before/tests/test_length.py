from units.length import to_metres
