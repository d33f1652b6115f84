from setuptools import find_packages, setup

setup(
    name="shopcart",
    version="0.3.1",
    package_dir={"": "src"},
    packages=find_packages("src"),
)
