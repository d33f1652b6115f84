from numtheory.gcd import gcd
