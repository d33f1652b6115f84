import shutil


def copy_tree(src, dst, follow_symlinks=False):
    """Copy a directory; symlinks are copied as links unless follow_symlinks."""
    shutil.copytree(src, dst, symlinks=not follow_symlinks)
