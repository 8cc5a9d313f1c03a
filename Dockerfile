# The datapakke's dashboards in a container: `landsby serve` (standalone Voilà with preheated kernels) on
# 0.0.0.0:8866, or, started as `jupyterhub-singleuser`, a JupyterHub single-user server with Voilà as a
# server extension (deploy/jupyter_server_config.py, deploy/jupyterhub/values.yaml).
#
#   docker build -t landsby-datapakke .
#   docker run --rm -p 8866:8866 landsby-datapakke        # then open http://localhost:8866/voila/render/forside.ipynb
#
# Everything is installed the README's way (`make install`: an editable install in .venv, so the code finds
# voila.json, notebooks/ and data/ in the repository). The image needs no internet at run time: data come
# from data/snapshot/ (or a cache made by `landsby fetch` at build time, see LANDSBY_FETCH below).
FROM python:3.11-slim

RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*

# uid 1000: the user zero-to-jupyterhub runs single-user servers as (singleuser.uid). The folder is made
# theirs first: WORKDIR makes a missing folder as root's, and COPY --chown leaves the owner of a folder that
# exists alone (moby/buildkit#790), so `make install` could not make .venv in it ("Permission denied").
RUN useradd --create-home --uid 1000 landsby \
    && install -d -o landsby -g landsby /srv/landsby
WORKDIR /srv/landsby
COPY --chown=landsby:landsby . .
USER landsby

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    LANDSBY_OFFLINE=1 \
    LANDSBY_CACHE_DIR=/srv/landsby/.cache/landsby \
    JUPYTER_CONFIG_PATH=/srv/landsby/deploy \
    PATH=/srv/landsby/.venv/bin:$PATH

# The project, and jupyterhub for `jupyterhub-singleuser` (keep its major version the hub's).
RUN make install \
    && .venv/bin/python -m pip install --quiet "jupyterhub>=5,<6"

# Every cluster's dashboard data computed ahead, so a page only reads small prepared files.
# Build with --build-arg LANDSBY_FETCH=1 to fetch current figures (internet at build time) first.
ARG LANDSBY_FETCH=0
RUN if [ "$LANDSBY_FETCH" = "1" ]; then LANDSBY_OFFLINE=0 landsby fetch --all; fi \
    && landsby prepare

EXPOSE 8866
CMD ["landsby", "serve", "--ip", "0.0.0.0", "--port", "8866"]
