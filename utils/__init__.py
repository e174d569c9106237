"""The small package the course's notebooks import: data loading, filters and
formulas, figures, and run-time plumbing. Importing it does not import Keras;
the modules that need Keras import it when used."""
