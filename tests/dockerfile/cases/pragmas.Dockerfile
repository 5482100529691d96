FROM debian:12
# imgopt: ignore=IMG101,IMG102 the lists are needed by a later step
RUN apt-get update && apt-get install -y curl

# imgopt: ignore=IMG110
# a second comment line in the same block
RUN useradd app

# imgopt: ignore=IMG120 not attached: a blank line follows

RUN echo unattached
