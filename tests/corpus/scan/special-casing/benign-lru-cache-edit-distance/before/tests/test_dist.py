from textkit.dist import distance
