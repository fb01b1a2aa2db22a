module kubelab.local/images/ocipack

go 1.24
