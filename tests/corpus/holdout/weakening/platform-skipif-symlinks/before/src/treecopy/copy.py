import shutil


def copy_tree(src, dst):
    shutil.copytree(src, dst)
