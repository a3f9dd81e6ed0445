"""Sphinx glue for building the Discourse Lab book (listed in ``_config.yml`` under
``sphinx: extra_extensions``). Book-level fixes live here rather than in templates."""
