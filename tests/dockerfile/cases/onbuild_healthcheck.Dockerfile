FROM ruby:3.3
ONBUILD COPY --chown=app:app Gemfile Gemfile.lock /app/
ONBUILD RUN bundle install --without development test
HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost:3000/health || exit 1
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
HEALTHCHECK NONE
MAINTAINER someone <someone@example.com>
