from setuptools import find_packages, setup

setup(
    name="shopcart",
    version="0.3.2",
    package_dir={"": "src"},
    packages=find_packages("src"),
    entry_points={
        "console_scripts": ["shopcart=shopcart.cli:main"],
        "pytest11": ["shopcart_env = shopcart.testing"],
    },
)
