ARG PYTHON_VERSION=3.11
ARG VARIANT=slim
ARG REGISTRY
# the base follows the ARGs above
FROM ${REGISTRY:-docker.io/library}/python:${PYTHON_VERSION}-${VARIANT} AS base
ARG PYTHON_VERSION
RUN echo "python ${PYTHON_VERSION}"
FROM base
CMD ["python"]
